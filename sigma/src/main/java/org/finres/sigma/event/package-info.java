/** Read-only views of security events (Windows Event/System/EventData JSON, flat NXLog or generic JSON) by field name. */
package org.finres.sigma.event;
