package dev.onnxworkbench.models.runtime;

import dev.onnxworkbench.models.WorkbenchException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A provider and its options (keys from {@link ExecutionProvider#options()}; values as text, the way a
 * user types them). Checked on construction by {@link #validated()}; unknown keys and values that do not
 * parse are refused with a message that names the allowed ones.
 */
public record ProviderSettings(ExecutionProvider provider, Map<String, String> options) {

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider");
        options = Map.copyOf(options);
    }

    /** The provider with every option at its default. */
    public static ProviderSettings defaults(ExecutionProvider provider) {
        return new ProviderSettings(provider, Map.of());
    }

    public static ProviderSettings cpu() {
        return defaults(ExecutionProvider.CPU);
    }

    /** The value given for {@code key}, else the option's default. */
    public String option(String key) {
        String value = options.get(key);
        if (value != null) {
            return value;
        }
        return provider.options().stream().filter(o -> o.key().equals(key)).map(ProviderOption::defaultValue)
                .findFirst().orElse("");
    }

    /** Whether {@code key} was given explicitly. */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** Same provider, one more option. */
    public ProviderSettings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        copy.put(key, value);
        return new ProviderSettings(provider, copy);
    }

    /** This, after checking every key and value; throws with the allowed keys or values in the message. */
    public ProviderSettings validated() throws WorkbenchException {
        for (Map.Entry<String, String> e : options.entrySet()) {
            ProviderOption option = provider.options().stream().filter(o -> o.key().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new InvalidSettingsException(provider.displayName()
                            + " has no option '" + e.getKey() + "'; it takes " + String.join(", ",
                            provider.options().stream().map(ProviderOption::key).toList()) + "."));
            String value = e.getValue().trim();
            switch (option.kind()) {
                case INTEGER -> {
                    try {
                        if (Long.parseLong(value) < 0) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException notANumber) {
                        throw new InvalidSettingsException("The " + provider.displayName() + " option " + option.key()
                                + " needs a whole number of 0 or more, not '" + value + "'.");
                    }
                }
                case BOOLEAN -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (!(v.equals("true") || v.equals("false") || v.equals("1") || v.equals("0"))) {
                        throw new InvalidSettingsException("The " + provider.displayName() + " option " + option.key()
                                + " needs true or false, not '" + value + "'.");
                    }
                }
                case CHOICE -> {
                    if (option.choices().stream().noneMatch(c -> c.equalsIgnoreCase(value))) {
                        throw new InvalidSettingsException("The " + provider.displayName() + " option " + option.key()
                                + " takes " + String.join(", ", option.choices()) + ", not '" + value + "'.");
                    }
                }
                case PATH -> { }
            }
        }
        return this;
    }

    /** True for "true"/"1". */
    boolean flag(String key) {
        String v = option(key).trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1");
    }

    @Override
    public String toString() {
        return options.isEmpty() ? provider.displayName() : provider.displayName() + " " + new TreeMap<>(options);
    }
}
