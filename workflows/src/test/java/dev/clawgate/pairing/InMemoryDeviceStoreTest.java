package dev.clawgate.pairing;

class InMemoryDeviceStoreTest extends DeviceStoreContract {

  @Override
  protected DeviceStore newStore() {
    return new InMemoryDeviceStore();
  }
}
