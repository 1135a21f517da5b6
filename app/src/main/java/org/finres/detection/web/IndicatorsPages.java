package org.finres.detection.web;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.detection.IndicatorUpload;
import org.finres.detection.Indicators;
import org.finres.detection.internal.DetectionProperties;
import org.finres.detection.internal.indicator.IndicatorType;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The indicator list every event is matched against: search, upload as text or file, retire. Hub only. */
@Controller
@RequestMapping("/detection/indicators")
class IndicatorsPages {

    static final int PAGE_SIZE = 100;
    static final List<String> FORMATS = List.of("auto", "csv", "jsonl", "values");

    private final Indicators indicators;
    private final long maxUpload;

    IndicatorsPages(Indicators indicators, DetectionProperties properties) {
        this.indicators = indicators;
        this.maxUpload = properties.maxUpload().toBytes();
    }

    @Bean
    static NavigationEntry indicatorsNavigation() {
        return NavigationEntry.requiring(Permission.INDICATORS_READ, "nav.indicators", "/detection/indicators", 320);
    }

    /** What an upload did, carried over the redirect. */
    record UploadOutcome(String format, int added, int reactivated, int unchanged, List<String> errors,
                         int unlistedErrors) implements Serializable {
        static UploadOutcome of(IndicatorUpload done) {
            return new UploadOutcome(done.format(), done.added(), done.reactivated(), done.unchanged(),
                    List.copyOf(done.errors()), done.unlistedErrors());
        }
    }

    /** Why an upload or a retirement did nothing, or that a retirement worked; {@code key} in the visitor's language. */
    record IndicatorNotice(String key, String tone, String arg) implements Serializable {
    }

    @GetMapping
    String list(@RequestParam(required = false) String type, @RequestParam(required = false) String q,
                @RequestParam(required = false) String before, Model model) {
        Actor actor = CurrentActor.get();
        String typeCode = AlertsPages.blankToNull(type);
        String search = AlertsPages.blankToNull(q);
        Long beforeId = null;
        List<Indicators.IndicatorView> found = List.of();
        try {
            beforeId = before == null || before.isBlank() ? null : AlertsApi.parseLong(before, "before");
            found = indicators.list(actor, typeCode, search, beforeId, PAGE_SIZE + 1);
        } catch (InvalidInputException e) {
            model.addAttribute("filterError", true);
        }
        List<Indicators.IndicatorView> shown = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        model.addAttribute("indicators", shown);
        model.addAttribute("olderBefore", found.size() > PAGE_SIZE ? shown.getLast().id() : null);
        model.addAttribute("before", beforeId);
        model.addAttribute("type", typeCode);
        model.addAttribute("q", search);
        model.addAttribute("types", Arrays.stream(IndicatorType.values()).map(IndicatorType::code).toList());
        model.addAttribute("formats", FORMATS);
        model.addAttribute("indexed", indicators.indexed());
        // Indicators are the hub's: managing them needs the permission over the whole sector.
        model.addAttribute("mayManage", actor.grants().get(Permission.INDICATORS_MANAGE) == Permission.Reach.ALL);
        return "detection/indicators";
    }

    @PostMapping("/upload")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String text,
                  @RequestParam(required = false) String format, @RequestParam(required = false) String source,
                  RedirectAttributes redirect) throws IOException {
        if (CurrentActor.get().grants().get(Permission.INDICATORS_MANAGE) != Permission.Reach.ALL) {
            // Refused before reading the form, so that a visitor without the right never learns what it did wrong.
            throw new AccessRefusedException("adding indicators needs the INDICATORS_MANAGE permission over the sector");
        }
        String content;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > maxUpload) {
                return refused(redirect, "indicators.notice.tooLarge", Long.toString(maxUpload));
            }
            try {
                content = RuleArchive.utf8(file.getBytes(), file.getOriginalFilename());
            } catch (InvalidInputException e) {
                return refused(redirect, "indicators.notice.notUtf8", file.getOriginalFilename());
            }
        } else {
            content = text;
        }
        if (content == null || content.isBlank()) {
            return refused(redirect, "indicators.notice.empty", null);
        }
        String chosen = format == null || format.isBlank() || format.equals("auto") ? null : format;
        if (chosen != null && !FORMATS.contains(chosen)) {
            return refused(redirect, "indicators.notice.badFormat", chosen);
        }
        try {
            redirect.addFlashAttribute("uploadOutcome",
                    UploadOutcome.of(indicators.upload(CurrentActor.get(), content, chosen, source)));
        } catch (InvalidInputException e) {
            return refused(redirect, "source".equals(e.field()) ? "indicators.notice.sourceTooLong"
                    : "indicators.notice.refused", e.getMessage());
        }
        return "redirect:/detection/indicators";
    }

    @PostMapping("/{id}/retire")
    String retire(@PathVariable String id, RedirectAttributes redirect) {
        long indicatorId;
        try {
            indicatorId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("indicator", id);
        }
        try {
            indicators.retire(CurrentActor.get(), indicatorId);
        } catch (NotFoundException e) {
            // Retired a moment ago in another tab or by a colleague: nothing left to do, and nothing broke.
            return refused(redirect, "indicators.notice.notActive", id);
        }
        redirect.addFlashAttribute("indicatorNotice", new IndicatorNotice("indicators.notice.retired", "ok", id));
        return "redirect:/detection/indicators";
    }

    private static String refused(RedirectAttributes redirect, String key, String arg) {
        redirect.addFlashAttribute("indicatorNotice", new IndicatorNotice(key, "error", arg));
        return "redirect:/detection/indicators";
    }
}
