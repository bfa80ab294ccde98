package dev.clawgate.schedule;

class InMemoryCronStoreTest extends CronStoreContract {

  @Override
  protected CronStore newStore() {
    return new InMemoryCronStore();
  }
}
