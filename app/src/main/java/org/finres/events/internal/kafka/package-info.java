/** The Kafka transport: consumes mapped topics into the shared intake, committing offsets only after the intake commits. */
package org.finres.events.internal.kafka;
