/**
 * The F-SOC event plane: decodes what institutions' SOCs send (CEF, LEEF, syslog, Windows, ECS, OCSF JSON) into
 * canonical OCSF events that the rest of the hub validates, stores and correlates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "F-SOC event plane")
package org.finres.events;
