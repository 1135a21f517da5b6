package org.finres.core.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.SizeTier;
import org.finres.core.web.ApiViews.InstitutionRequest;
import org.finres.core.web.ApiViews.InstitutionUpdate;
import org.finres.core.web.ApiViews.InstitutionView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1/institutions")
@Tag(name = "Institutions", description = "Tenants: member institutions, the hub and the regulator")
class InstitutionsApi {

    private final Institutions institutions;

    InstitutionsApi(Institutions institutions) {
        this.institutions = institutions;
    }

    @GetMapping
    @Operation(summary = "Institutions visible to the caller: all for the hub and the regulator, else its own")
    List<InstitutionView> list() {
        return institutions.list(CurrentActor.get()).stream().map(InstitutionView::of).toList();
    }

    @GetMapping("/{id}")
    InstitutionView get(@PathVariable String id) {
        return InstitutionView.of(institutions.get(CurrentActor.get(), InstitutionId.of(id)));
    }

    @PostMapping
    @Operation(summary = "Create a member institution (hub-admin)")
    ResponseEntity<InstitutionView> create(@RequestBody InstitutionRequest request) {
        if (request.id() == null) {
            throw new InvalidInputException("id", "is required");
        }
        var created = institutions.create(CurrentActor.get(), InstitutionId.of(request.id()),
                draft(request.name(), request.kind(), request.sizeTier()));
        return ResponseEntity.created(URI.create("/api/v1/institutions/" + created.id())).body(InstitutionView.of(created));
    }

    @PutMapping("/{id}")
    InstitutionView update(@PathVariable String id, @RequestBody InstitutionUpdate request) {
        return InstitutionView.of(institutions.update(CurrentActor.get(), InstitutionId.of(id),
                draft(request.name(), request.kind(), request.sizeTier())));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        institutions.delete(CurrentActor.get(), InstitutionId.of(id));
        return ResponseEntity.noContent().build();
    }

    static Institutions.Draft draft(String name, String kind, String sizeTier) {
        if (kind == null) {
            throw new InvalidInputException("kind", "is required: one of bank, securities, insurance, bills-finance, "
                    + "credit-cooperative, payment, other");
        }
        InstitutionKind parsedKind = InstitutionKind.fromCode(kind);
        return new Institutions.Draft(name, parsedKind, sizeTier == null ? null : SizeTier.fromCode(sizeTier));
    }
}
