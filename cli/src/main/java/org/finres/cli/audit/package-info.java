/** {@code finres audit}: checks that the hash-chained audit trail is intact, through the hub or on its database. */
package org.finres.cli.audit;
