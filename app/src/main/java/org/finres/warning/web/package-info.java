/** The early warnings' REST API and pages. */
package org.finres.warning.web;
