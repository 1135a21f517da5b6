/**
 * The resilience register of one institution: important business services with their impact tolerances and the
 * layered dependency graph beneath them (processes, applications, data stores, infrastructure, suppliers), validated
 * so that every problem names its element.
 */
package org.finres.resilience.engine;
