package dev.lastmile.core.policy;

import dev.lastmile.core.model.Severity;

/**
 * The policy's word on one rule: {@code rules: {SQL004: off}}, {@code {SQL004: critical}} or
 * {@code {SQL004: {enabled: true, severity: critical}}}.
 *
 * @param ref      the id, name or alias as written
 * @param enabled  false to switch the rule off
 * @param severity the severity to report instead of the rule's default, or null
 * @param node     where it was written, for error messages
 */
public record RuleOverride(String ref, boolean enabled, Severity severity, PolicyNode node) {
}
