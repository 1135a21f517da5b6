/**
 * Running the hub inside the {@code finres} process: {@code serve} and {@code demo} in the foreground, and the
 * application context without a web server for commands that work on the database directly.
 */
package org.finres.cli.hub;
