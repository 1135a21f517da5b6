/** How warnings are matched to members, published as STIX, swept for reminders and delivered. */
package org.finres.warning.internal;
