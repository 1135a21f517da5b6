package org.finres.core.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.Institutions;
import org.finres.core.TokenScope;
import org.finres.core.web.ApiViews.MeView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class MeApi {

    private final Institutions institutions;

    MeApi(Institutions institutions) {
        this.institutions = institutions;
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "Who the caller is and what it may do")
    MeView me() {
        Actor actor = CurrentActor.get();
        String name = institutions.find(actor.institutionId()).map(i -> i.name()).orElse(null);
        List<String> permissions = actor.grants().entrySet().stream()
                .map(e -> e.getKey().name() + ":" + e.getValue().name()).sorted().toList();
        return switch (actor) {
            case Actor.User u -> new MeView(u.auditName(), u.institutionId().value(), name, u.role().code(), List.of(), permissions);
            case Actor.Token t -> new MeView(t.auditName(), t.institutionId().value(), name, null,
                    t.scopes().stream().map(TokenScope::code).sorted().toList(), permissions);
            case Actor.SystemProcess s -> new MeView(s.auditName(), s.institutionId().value(), name, null, List.of(), permissions);
        };
    }
}
