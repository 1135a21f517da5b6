/** The resilience module's internals: the cache of compiled analyses and the graph walks the command view needs. */
package org.finres.resilience.internal;
