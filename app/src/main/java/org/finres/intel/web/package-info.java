/**
 * The TAXII 2.1 server under {@code /taxii2/} (discovery, the API root, collections, objects, manifest, status), the
 * share API under {@code /api/v1/intel} and the "Share intelligence" pages.
 */
package org.finres.intel.web;
