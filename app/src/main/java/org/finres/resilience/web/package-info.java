/** The resilience module's REST API, pages and the server-rendered dependency graph. */
package org.finres.resilience.web;
