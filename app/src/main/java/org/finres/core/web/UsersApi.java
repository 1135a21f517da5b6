package org.finres.core.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.Role;
import org.finres.core.UserAccounts;
import org.finres.core.UserId;
import org.finres.core.web.ApiViews.CreatedUserView;
import org.finres.core.web.ApiViews.PasswordView;
import org.finres.core.web.ApiViews.UserRequest;
import org.finres.core.web.ApiViews.UserUpdate;
import org.finres.core.web.ApiViews.UserView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People who log in, with one role each, limited to their tenant")
class UsersApi {

    private final UserAccounts users;

    UsersApi(UserAccounts users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Users of one institution (default: the caller's own); hub-admin may list all")
    List<UserView> list(@RequestParam(required = false) String institution) {
        return users.list(CurrentActor.get(), institution == null ? null : InstitutionId.of(institution))
                .stream().map(UserView::of).toList();
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable String id) {
        return UserView.of(users.get(CurrentActor.get(), UserId.parse(id)));
    }

    @PostMapping
    @Operation(summary = "Create a user; without a password one is generated and returned once")
    ResponseEntity<CreatedUserView> create(@RequestBody UserRequest r) {
        if (r.institutionId() == null) {
            throw new InvalidInputException("institutionId", "is required");
        }
        if (r.role() == null) {
            throw new InvalidInputException("role", "is required");
        }
        var created = users.create(CurrentActor.get(), new UserAccounts.Draft(InstitutionId.of(r.institutionId()),
                r.username(), r.displayName(), r.email(), Role.fromCode(r.role()), locale(r.locale()), r.password()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.user().id()))
                .body(new CreatedUserView(UserView.of(created.user()), created.initialPassword()));
    }

    @PatchMapping("/{id}")
    UserView update(@PathVariable String id, @RequestBody UserUpdate r) {
        return UserView.of(users.update(CurrentActor.get(), UserId.parse(id), new UserAccounts.Changes(
                r.displayName(), r.email(), r.role() == null ? null : Role.fromCode(r.role()), r.enabled(),
                r.locale() == null ? null : locale(r.locale()))));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        users.delete(CurrentActor.get(), UserId.parse(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/password-reset")
    @Operation(summary = "Set a new generated password (returned once) and lift any lockout")
    PasswordView resetPassword(@PathVariable String id) {
        return new PasswordView(users.resetPassword(CurrentActor.get(), UserId.parse(id)));
    }

    static Locale locale(String tag) {
        return tag == null ? null : UserAccounts.supportedLocale(Locale.forLanguageTag(tag));
    }
}
