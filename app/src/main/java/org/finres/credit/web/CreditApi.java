package org.finres.credit.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.credit.CreditEntry;
import org.finres.credit.CreditKind;
import org.finres.credit.FalsePositive;
import org.finres.credit.Ranking;
import org.finres.credit.RankingRow;
import org.finres.credit.SharingCredit;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The sharing credit ranking, ledgers, CSV export, false positives and manual adjustments. */
@RestController
@RequestMapping("/api/v1/credit")
@Tag(name = "Sharing credit", description = "Monthly ranking of members' sharing credit, ledgers, false positives")
class CreditApi {

    private final SharingCredit credit;

    CreditApi(SharingCredit credit) {
        this.credit = credit;
    }

    record RowView(int rank, String institution, String name, boolean own, int points, Map<String, Integer> counts) {
        static RowView of(RankingRow r) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (CreditKind k : CreditKind.values()) counts.put(k.code(), r.count(k));
            return new RowView(r.rank(), r.institution() == null ? null : r.institution().value(), r.label(), r.own(),
                    r.points(), counts);
        }
    }

    record RankingView(String month, boolean named, String rulesVersion, List<RowView> rows) {
        static RankingView of(Ranking r) {
            return new RankingView(r.month().toString(), r.named(), r.rulesVersion(), r.rows().stream().map(RowView::of).toList());
        }
    }

    record EntryView(long id, String institution, String kind, int points, String reason, String reference, Instant at,
                     String month, String rulesVersion, String recordedBy) {
        static EntryView of(CreditEntry e) {
            return new EntryView(e.id(), e.institution().value(), e.kind().code(), e.points(), e.reason(), e.reference(),
                    e.at(), e.month().toString(), e.rulesVersion(), e.recordedBy());
        }
    }

    record FalsePositiveView(String indicator, String submitter, String reason, String markedBy, Instant at) {
        static FalsePositiveView of(FalsePositive f) {
            return new FalsePositiveView(f.stixId(), f.submitter().value(), f.reason(), f.markedBy(), f.at());
        }
    }

    record FalsePositiveBody(String indicator, String reason) {
    }

    record AdjustmentBody(String institution, Integer points, String reason) {
    }

    @GetMapping("/ranking")
    @Operation(summary = "The month's ranking (Asia/Taipei months, ?month=2026-12; default this month)")
    RankingView ranking(@RequestParam(required = false) String month) {
        return RankingView.of(credit.ranking(CurrentActor.get(), credit.month(month)));
    }

    @GetMapping(value = "/ranking.csv", produces = "text/csv")
    @Operation(summary = "The month's ranking as CSV (UTF-8 with BOM, for Excel)")
    ResponseEntity<byte[]> rankingCsv(@RequestParam(required = false) String month) {
        var m = credit.month(month);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("sharing-credit-" + m + ".csv").build().toString())
                .body(credit.rankingCsv(CurrentActor.get(), m));
    }

    @GetMapping("/ledger")
    @Operation(summary = "An institution's ledger for a month (members: their own only)")
    List<EntryView> ledger(@RequestParam(required = false) String institution, @RequestParam(required = false) String month) {
        InstitutionId i = institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
        return credit.ledger(CurrentActor.get(), i, credit.month(month)).stream().map(EntryView::of).toList();
    }

    @GetMapping("/false-positives")
    List<FalsePositiveView> falsePositives() {
        return credit.falsePositives(CurrentActor.get()).stream().map(FalsePositiveView::of).toList();
    }

    @PostMapping("/false-positives")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Mark a shared indicator false positive (hub analysts): its submitter is penalised")
    FalsePositiveView markFalsePositive(@RequestBody FalsePositiveBody body) {
        return FalsePositiveView.of(credit.markFalsePositive(CurrentActor.get(), body.indicator(), body.reason()));
    }

    @PostMapping("/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adjust a member's credit by hand, with a reason (hub)")
    EntryView adjust(@RequestBody AdjustmentBody body) {
        if (body.points() == null) throw new org.finres.core.InvalidInputException("points", "is required");
        InstitutionId i = body.institution() == null || body.institution().isBlank() ? null : InstitutionId.of(body.institution().strip());
        return EntryView.of(credit.adjust(CurrentActor.get(), i, body.points(), body.reason()));
    }
}
