/** The event plane's HTTP endpoints and pages. */
package org.finres.events.web;
