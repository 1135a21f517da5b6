package org.finres.detection.internal.indicator;

/**
 * One indicator matched one observable: which indicator (id, type and canonical value, which for a parent domain or
 * a network differs from the observable) and the observable as the event carried it. Every hit is a sighting.
 *
 * @param matched the part of the observable that matched, canonical: the host of a URL, the domain of an e-mail
 *                address, the address itself (IPv4 for a mapped IPv6), or the whole canonical observable
 */
public record IndicatorHit(long indicatorId, IndicatorType type, String indicatorValue, String observable,
                           String matched) {
}
