/** Detection's REST API and pages: alerts and their triage, the rule catalogue, the indicator list. */
package org.finres.detection.web;
