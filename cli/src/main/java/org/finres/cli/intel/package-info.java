/** {@code finres intel}: share threat intelligence (STIX bundles, CSV indicator lists, MISP exports) with the hub. */
package org.finres.cli.intel;
