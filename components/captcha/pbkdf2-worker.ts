// The ALTCHA proof-of-work worker for PBKDF2 challenges, bundled by Next as its own script served
// from this site ('self'): the widget's default build would start it from a blob: URL instead.
import "altcha/workers/pbkdf2";
