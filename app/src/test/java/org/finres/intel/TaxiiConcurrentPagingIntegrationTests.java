package org.finres.intel;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.intel.TaxiiClient.json;
import static org.finres.intel.TaxiiClient.objects;
import static org.finres.intel.TaxiiClient.query;

/**
 * Paging while objects are being added: two writers post batches into one collection while a reader pages through
 * it with {@code next}, then polls on with {@code added_after} from the last page's X-TAXII-Date-Added-Last.
 * Every object is seen exactly once, in date_added order.
 */
@HubIntegrationTest
class TaxiiConcurrentPagingIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    @Test
    void aReaderPagingDuringWritesSeesEveryObjectExactlyOnce() throws Exception {
        InstitutionId bank = sector.institution("paging", InstitutionKind.BANK);
        String token = sector.token(bank, TokenScope.INTEL_WRITE);
        String inbox = "inbox-" + bank.value();
        List<String> posted = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(CompletableFuture.runAsync(() -> {
                TaxiiClient client = new TaxiiClient(port, token);
                try {
                    for (int batch = 0; batch < 15; batch++) {
                        List<String> objects = new ArrayList<>();
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            String id = StixSamples.newId("indicator");
                            ids.add(id);
                            objects.add(StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", null));
                        }
                        JsonNode status = client.postObjects(inbox, objects.toArray(String[]::new));
                        assertThat(status.get("success_count").asInt()).isEqualTo(10);
                        posted.addAll(ids);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        CompletableFuture<Void> done = CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> writing.set(false));

        TaxiiClient reader = new TaxiiClient(port, token);
        Map<String, Integer> seen = new HashMap<>();
        List<String> order = new ArrayList<>();
        String next = null;
        String lastAdded = null;
        boolean finalPass = false;
        while (true) {
            boolean writersDone = !writing.get();
            String q = next != null ? query("limit", "7", "next", next)
                    : lastAdded != null ? query("limit", "7", "added_after", lastAdded) : query("limit", "7");
            HttpResponse<String> r = reader.get(objects(inbox) + q);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = json(r);
            if (page.has("objects")) {
                page.get("objects").forEach(o -> {
                    seen.merge(o.get("id").stringValue(), 1, Integer::sum);
                    order.add(o.get("id").stringValue());
                });
                lastAdded = r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
            }
            next = page.get("more").booleanValue() ? page.get("next").stringValue() : null;
            if (next == null) {
                if (finalPass) {
                    break;
                }
                // One more full pass after the writers finished picks up whatever they committed last.
                finalPass = writersDone;
            }
        }
        done.get(60, TimeUnit.SECONDS);
        assertThat(seen).hasSize(300);
        assertThat(seen.values()).allMatch(n -> n == 1);
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(posted);
        assertThat(order).hasSize(300);
    }
}
