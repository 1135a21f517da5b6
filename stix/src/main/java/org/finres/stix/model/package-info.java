/** The STIX 2.1 object model: one record per defined type, each keeping its original JSON, and the decoder. */
package org.finres.stix.model;
