/**
 * {@code finres events}: sends event files, folders or stdin to the hub's intake in gzip'd, resumable batches.
 */
package org.finres.cli.events;
