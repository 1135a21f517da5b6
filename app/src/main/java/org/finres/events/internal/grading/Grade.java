package org.finres.events.internal.grading;

/** The result of grading one event. {@code incidentLevel} is null when no rule suggests a level. */
public record Grade(int priority, Integer incidentLevel) {
}
