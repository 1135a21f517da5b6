/**
 * The decoders at the event plane's edge, one per wire format, and what they share: source field bookkeeping, time
 * and severity normalisation, and the completion step that fills metadata, observables and unmapped fields.
 */
package org.finres.events.internal.decode;
