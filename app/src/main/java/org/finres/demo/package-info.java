/**
 * The demo: seeds a simulated sector (member institutions of every kind, their users and a hub API token)
 * so that {@code finres demo} shows a working hub at once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo sector")
package org.finres.demo;
