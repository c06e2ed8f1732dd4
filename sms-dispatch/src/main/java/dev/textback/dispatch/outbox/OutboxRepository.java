package dev.textback.dispatch.outbox;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxMessage> {

    /** The oldest rows, locked; rows another relay instance holds are skipped, not waited for. */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> lockOldest(int limit) {
        return getEntityManager()
                .createNativeQuery("select * from outbox order by id limit :limit for update skip locked",
                        OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
