package dev.textback.dispatch.lead;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MissedCallRepository implements PanacheRepositoryBase<MissedCall, String> {

    public List<MissedCall> ofLeads(Collection<String> leadIds) {
        return leadIds.isEmpty() ? List.of() : list("leadId in ?1 order by endedAt", leadIds);
    }
}
