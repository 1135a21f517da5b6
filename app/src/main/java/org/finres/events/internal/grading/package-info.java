/** Classification and grading: priority scores and suggested incident levels from a policy kept as YAML data. */
package org.finres.events.internal.grading;
