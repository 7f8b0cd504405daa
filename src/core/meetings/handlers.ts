import type { Channel } from '../../shared/contract';
import type { Handlers } from '../handler-types';
import type { Workspace } from '../workspace';
import { defaultDutiesLookup, type DutiesLookup } from './duties-lookup';
import { saveAppraisal } from './appraisal';
import { reviewMaterial, saveMaterial, saveSpeech } from './materials';
import { createMeeting, setAttendance, updateMeeting } from './meeting';
import { getMeetingSettings, writeMeetingSettings } from './meeting-settings';
import { listMeetings, meetingView } from './meeting-view';
import { addOpinion, addTalk, removeRow } from './opinions-talks';
import { addRectification, updateRectification } from './rectification';
import { addStudy, updateStudy } from './study';
import { draftReport, planTemplate } from './documents';

export type MeetingsChannel = Extract<Channel, `meetings.${string}`>;

/** The meetings.* handlers: each change in one transaction, answered with the whole meeting as it now is. */
export function meetingsHandlers(
  ws: Workspace,
  lookup: DutiesLookup = defaultDutiesLookup,
): Pick<Handlers, MeetingsChannel> {
  const db = () => ws.database();
  const today = () => ws.today();
  const view = (id: number) => meetingView(db(), id, today(), lookup);
  const change = (meetingId: number, work: () => void) => {
    db().transaction(work)();
    return view(meetingId);
  };
  return {
    'meetings.settings': () => getMeetingSettings(db()),
    'meetings.updateSettings': (input) => db().transaction(() => writeMeetingSettings(db(), input))(),
    'meetings.list': () => listMeetings(db(), today(), lookup),
    'meetings.get': (input) => view(input.meetingId),
    'meetings.create': (input) => view(db().transaction(() => createMeeting(db(), input))()),
    'meetings.update': (input) => change(input.meetingId, () => updateMeeting(db(), input, today())),
    'meetings.setAttendance': (input) => change(input.meetingId, () => setAttendance(db(), input)),
    'meetings.addStudy': (input) => change(input.meetingId, () => void addStudy(db(), input, today())),
    'meetings.updateStudy': (input) => change(input.meetingId, () => updateStudy(db(), input, today())),
    'meetings.addOpinion': (input) => change(input.meetingId, () => addOpinion(db(), input)),
    'meetings.addTalk': (input) => change(input.meetingId, () => addTalk(db(), input, today())),
    'meetings.removeEntry': (input) =>
      change(input.meetingId, () => removeRow(db(), input.meetingId, input.entry, input.id)),
    'meetings.saveMaterial': (input) => change(input.meetingId, () => saveMaterial(db(), input)),
    'meetings.reviewMaterial': (input) => change(input.meetingId, () => reviewMaterial(db(), input, today())),
    'meetings.saveSpeech': (input) => change(input.meetingId, () => saveSpeech(db(), input)),
    'meetings.addRectification': (input) => change(input.meetingId, () => void addRectification(db(), input)),
    'meetings.updateRectification': (input) => {
      const meetingId = db().transaction(() => updateRectification(db(), input, today()))();
      return view(meetingId);
    },
    'meetings.saveAppraisal': (input) => change(input.meetingId, () => saveAppraisal(db(), input)),
    'meetings.drafts': (input) => {
      const m = view(input.meetingId);
      return { plan: planTemplate(m), report: draftReport(m, organName(ws)) };
    },
  };
}

function organName(ws: Workspace): string {
  return (
    (ws.database().prepare(`SELECT name FROM organ WHERE id = 1`).get() as { name: string } | undefined)?.name ?? ''
  );
}
