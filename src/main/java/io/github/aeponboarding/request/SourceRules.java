package io.github.aeponboarding.request;

import io.github.aeponboarding.request.SourceCatalogue.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * A request against its source's catalogue entry, before anything is written: the fields its shape
 * has (a field it does not have is refused, named), the resources it offers, the kind, the Copy
 * transformation its flowSpec takes or requires, the frequencies it runs at, and what each recipe needs.
 * Tolerates a partly filled request, like {@link RequestRules}.
 */
public final class SourceRules {
    public static final String TUTORIAL = "tutorial";
    public static final String CURRENT = "current";

    private final SourceCatalogue catalogue;

    public SourceRules(SourceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public List<Problem> check(OnboardingRequest r) {
        if (r.source() == null || r.source().connectionSpecId() == null) {
            return List.of();
        }
        Source s = catalogue.resolve(r);
        if (s == null) {
            return r.kind() != null ? List.of() : List.of(new Problem("$.kind", "is required: connection spec "
                    + r.source().connectionSpecId() + " is not in the source catalogue, so its kind cannot be derived"));
        }
        List<Problem> problems = new ArrayList<>();
        // a kind outside crm/payments is the schema's to report
        if (("crm".equals(r.kind()) || "payments".equals(r.kind())) && !r.kind().equals(s.kind())) {
            problems.add(new Problem("$.kind", s.name() + " (connection spec " + s.connectionSpecId() + ") is a " + s.kind()
                    + " source, not " + r.kind() + "; leave kind out or set it to " + s.kind()));
        }
        problems.addAll(namingFields(r, s));
        problems.addAll(recipe(r, s));
        problems.addAll(copy(r, s));
        String frequency = r.schedule() == null ? null : r.schedule().frequency();
        if (frequency != null && !s.frequencies().isEmpty() && !s.frequencies().contains(frequency)) {
            problems.add(new Problem("$.schedule.frequency", s.name() + " runs only " + String.join(" or ", s.frequencies())
                    + " (got " + frequency + ")"));
        }
        return problems;
    }

    /** What the result says besides its status: a deprecated source still onboards where AEP accepts it. */
    public List<String> warnings(OnboardingRequest r) {
        Source s = catalogue.resolve(r);
        return s == null || s.deprecated() == null ? List.of() : List.of(s.name() + " is deprecated: " + s.deprecated());
    }

    private static List<Problem> namingFields(OnboardingRequest r, Source s) {
        List<Problem> problems = new ArrayList<>();
        for (String field : SourceShape.NAMING_FIELDS) {
            String value = value(r.source(), field);
            boolean takes = s.shape().fields().contains(field);
            if (value != null && !takes) {
                problems.add(new Problem("$.source." + field, s.name() + " takes " + s.shape().takes() + ", not source." + field));
            } else if (value == null && takes) {
                problems.add(new Problem("$.source." + field, "is required: " + s.name() + " takes " + s.shape().takes()));
            } else if (value != null && !s.resources().isEmpty() && !s.shape().isTable() && !s.resources().contains(value)) {
                problems.add(new Problem("$.source." + field, s.name() + " has no " + field + " \"" + value + "\" (it has "
                        + String.join(", ", s.resources()) + ")"));
            }
        }
        return problems;
    }

    private static List<Problem> recipe(OnboardingRequest r, Source s) {
        boolean current = CURRENT.equals(r.recipe());
        List<Problem> problems = new ArrayList<>();
        if (current && r.adhocSchemaId() != null) {
            problems.add(new Problem("$.adhocSchemaId", "the current recipe creates and uses no ad hoc schema; leave it out or use recipe tutorial"));
        }
        if (!s.shape().isTable()) {
            if (current && r.source().columns() != null) {
                problems.add(new Problem("$.source.columns", s.name() + "'s source connection carries no columns in the current recipe"
                        + " (they only build the tutorial recipe's ad hoc class)"));
            } else if (!current && r.source().columns() == null && r.adhocSchemaId() == null) {
                problems.add(new Problem("$.source.columns", "is required for " + s.name() + " with recipe tutorial: the ad hoc class"
                        + " is built from them, and a JSON resource is not explored; or use recipe current"));
            }
        }
        return problems;
    }

    private static List<Problem> copy(OnboardingRequest r, Source s) {
        if (r.copy() != null && !s.flowSpec().takes("Copy")) {
            return List.of(new Problem("$.copy", s.name() + "'s flowSpec " + s.flowSpec().key()
                    + " takes no Copy transformation (" + String.join(" and ", s.flowSpec().takes()) + " only); leave copy out"));
        }
        if (r.copy() == null && s.flowSpec().requires("Copy")) {
            return List.of(new Problem("$.copy", "is required: " + s.name() + "'s flowSpec " + s.flowSpec().key()
                    + " requires a Copy transformation ({mode: append} or {deltaColumn: {name, dateFormat, timezone}})"));
        }
        return List.of();
    }

    private static String value(OnboardingRequest.Source source, String field) {
        return switch (field) {
            case "table" -> source.table();
            case "resourcePath" -> source.resourcePath();
            case "objectType" -> source.objectType();
            case "path" -> source.path();
            default -> throw new IllegalArgumentException(field);
        };
    }
}
