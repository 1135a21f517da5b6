/** {@code finres attack}: the hub's MITRE ATT&CK catalogue. */
package org.finres.cli.attack;
