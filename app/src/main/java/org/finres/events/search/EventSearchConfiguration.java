package org.finres.events.search;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on scheduling for the silent-source watch; nothing else of the event plane runs on a timer. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventSearchConfiguration {
}
