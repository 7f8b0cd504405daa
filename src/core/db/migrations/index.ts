/**
 * Ordered schema migrations, one file each (NNN-what.ts), as Signal Desktop keeps them. Index i
 * holds the step from version i to i + 1, stamped in PRAGMA user_version. Never edit a step that
 * has shipped: add the next file and list it here. test/unit/migrations-folder.test.ts holds this
 * list to the folder, so a file cannot be forgotten or listed out of order.
 */
import type { Migration } from './migration';
import m001 from './001-organisation';
import m002 from './002-roster';
import m003 from './003-dues';
import m004 from './004-audit-chain';
import m005 from './005-duties';
import m006 from './006-meetings';
import m007 from './007-audit-sealed-on-insert';
import m008 from './008-meetings-special-and-study';
import m009 from './009-dues-payment-index';
import m010 from './010-dues-rule-sets';
import m011 from './011-dues-payment-month-index';
import m012 from './012-dues-opening';
import m013 from './013-dues-arrears-case-run-end';
import m014 from './014-text-drafts';
import m015 from './015-data-replacement';
import m016 from './016-member-decisions';
import m017 from './017-divisions';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
