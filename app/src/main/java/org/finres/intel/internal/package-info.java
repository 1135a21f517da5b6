/** The intel module's storage and protocol machinery: collections, the object store, envelopes, markings, cursors. */
package org.finres.intel.internal;
