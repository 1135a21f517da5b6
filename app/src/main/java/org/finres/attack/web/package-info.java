/** The ATT&CK catalogue's REST API and pages. */
package org.finres.attack.web;
