/**
 * Splits syslog byte streams into messages: octet counting (RFC 5425, RFC 6587 section 3.4.1) and non-transparent
 * newline framing (RFC 6587 section 3.4.2), across reads of any size.
 */
package org.finres.events.internal.framing;
