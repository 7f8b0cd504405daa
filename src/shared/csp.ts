/**
 * The one content security policy, sent as a header by both transports (app:// in Electron,
 * loopback HTTP in browser mode). Mantine writes <style> tags and style attributes at run
 * time, hence 'unsafe-inline' for styles only; scripts come from the app's own files alone.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ');
