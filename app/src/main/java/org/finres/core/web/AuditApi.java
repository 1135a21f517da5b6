package org.finres.core.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.AuditTrail;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.web.ApiViews.AuditRecordView;
import org.finres.core.web.ApiViews.VerificationView;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit trail", description = "The append-only, hash-chained record of logins, changes and restricted reads")
class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Newest records first; page with 'before' = the smallest seq of the previous page")
    List<AuditRecordView> list(@RequestParam(required = false) String institution,
                               @RequestParam(required = false) String action,
                               @RequestParam(required = false) Long before,
                               @RequestParam(defaultValue = "100") int limit) {
        return audit.recent(CurrentActor.get(), institution == null ? null : InstitutionId.of(institution), action,
                before, limit).stream().map(AuditRecordView::of).toList();
    }

    @PostMapping("/verify")
    @Operation(summary = "Walk the whole chain and report the first broken link, if any")
    VerificationView verify() {
        return VerificationView.of(audit.verify(CurrentActor.get()));
    }
}
