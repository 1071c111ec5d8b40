package io.tollgate.engine.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A workspace: its projects and people are invisible to every other workspace. */
@Entity
@Table(name = "workspace")
public class Workspace {

    @Id
    private String id;
    @Column(name = "ws_key")
    private String key;
    private String name;
    private String enabledModules;
    @Version
    private long rowVersion;

    protected Workspace() {
    }

    public Workspace(String id, String key, String name, Set<String> modules) {
        this.id = id;
        this.key = key;
        this.name = name;
        this.enabledModules = String.join(",", new TreeSet<>(modules));
    }

    public String id() { return id; }
    public String key() { return key; }
    public String name() { return name; }

    public Set<String> modules() {
        return enabledModules.isBlank() ? Set.of()
                : Arrays.stream(enabledModules.split(",")).collect(Collectors.toCollection(TreeSet::new));
    }

    public void switchModule(String module, boolean on) {
        Set<String> modules = new TreeSet<>(modules());
        if (on) {
            modules.add(module);
        } else {
            modules.remove(module);
        }
        this.enabledModules = String.join(",", modules);
    }
}
