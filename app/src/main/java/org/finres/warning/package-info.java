/**
 * Early warnings and protection advice: the hub warns every member or only the exposed ones (by their declared
 * products, suppliers and address ranges), publishes the warning as STIX over TAXII, tracks acknowledgements, and
 * reminds and escalates by webhook and e-mail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Early warnings and protection advice")
package org.finres.warning;
