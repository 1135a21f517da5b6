/**
 * The {@code finres} command: runs the hub in the foreground ({@code demo}, {@code serve}) and administers a
 * running hub over its REST API ({@code admin}, {@code audit}).
 */
package org.finres.cli;
