/**
 * Talking to a running hub: the HTTP client of its REST API, the connection options, problem documents turned
 * into messages and exit codes, and results shown as tables or raw JSON.
 */
package org.finres.cli.remote;
