/** The durable event store: day partitions per institution, COPY batches, idempotent appends, dead letters. */
package org.finres.events.internal.store;
