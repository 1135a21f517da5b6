package org.finres.intel.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.intel.IntelAnalysis;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The hub's assessment of shared indicators, and the warning lists that keep known-benign values out of detection. */
@RestController
@RequestMapping("/api/v1/intel")
@Tag(name = "Intel analysis", description = "Confidence, sightings, retro-hunts and warning lists of shared indicators")
class IntelAnalysisApi {

    private final IntelAnalysis analysis;

    IntelAnalysisApi(IntelAnalysis analysis) {
        this.analysis = analysis;
    }

    record IndicatorList(List<IntelAnalysis.AnalysedIndicator> indicators) {
    }

    record WarningLists(List<IntelAnalysis.WarningListView> lists) {
    }

    record NewEntry(String list, String value, String note) {
    }

    @GetMapping("/indicators")
    @Operation(summary = "Shared indicators the caller may see, with the hub's confidence, reporters, sightings, "
            + "warning-list hit and retro-hunt progress. status=matched|unmatchable|warning-listed|retired, q in value or pattern")
    IndicatorList indicators(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
                             @RequestParam(required = false) String limit) {
        return new IndicatorList(analysis.indicators(CurrentActor.get(), status, q, limit(limit)));
    }

    @GetMapping("/indicators/{id}")
    @Operation(summary = "One shared indicator's assessment")
    IntelAnalysis.AnalysedIndicator indicator(@PathVariable String id) {
        return analysis.indicator(CurrentActor.get(), id);
    }

    @GetMapping("/warning-lists")
    @Operation(summary = "The shipped and hub-managed warning lists")
    WarningLists warningLists() {
        return new WarningLists(analysis.warningLists(CurrentActor.get()));
    }

    @PostMapping("/warning-lists/entries")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a hub-managed warning-list entry: {\"list\":\"hub\",\"value\":\"203.0.113.0/24\",\"note\":\"...\"}")
    IntelAnalysis.WarningEntryView add(@RequestBody(required = false) NewEntry entry) {
        if (entry == null) {
            throw new InvalidInputException("body", "is required: {\"list\":..., \"value\":..., \"note\":...}");
        }
        return analysis.addWarningEntry(CurrentActor.get(), entry.list(), entry.value(), entry.note());
    }

    @DeleteMapping("/warning-lists/entries/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a hub-managed warning-list entry")
    void remove(@PathVariable String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("id", "must be a number (was '" + InvalidInputException.preview(id) + "')");
        }
        analysis.removeWarningEntry(CurrentActor.get(), n);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "must be a number between 1 and 500 (was '"
                    + InvalidInputException.preview(text) + "')");
        }
    }
}
