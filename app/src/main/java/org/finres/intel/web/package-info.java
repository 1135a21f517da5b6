/** The TAXII 2.1 server under {@code /taxii2/}: discovery, the API root, collections, objects, manifest, status. */
package org.finres.intel.web;
