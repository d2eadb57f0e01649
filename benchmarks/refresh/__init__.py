"""Cost of the Track123 integration with many shipments, against the local simulator.

Run from the repository root::

    .venv/bin/python -m benchmarks.refresh                 # N = 100, 1 000, 10 000
    .venv/bin/python -m benchmarks.refresh --sizes 1000 --no-memory --profile

For every N it starts the simulator (``SimulatorServer`` on 127.0.0.1, 5 requests per
second per endpoint as on Track123) in a child process, so that the CPU time measured
here is Home Assistant's and the integration's only. The account holds N parcels; 5 %
of them are placed so that their next carrier event happens within the next hour of
simulated time, the others have no event for hours. Then, in one real Home Assistant
instance (``async_test_home_assistant`` of pytest-homeassistant-custom-component):

* set-up of the config entry (first refresh, N sensors added);
* a refresh with nothing changed (0 %);
* the simulator's clock moves one hour, and a refresh sees 5 % changed;
* the floor: ``hass.states.async_set`` of exactly the states the 5 % refresh changed
  (same entity count, same state and attributes), with no integration around it;
* in a second instance, with tracemalloc on, the memory the set-up keeps, per shipment.

Prints the tables, each goal beside its floor; writes nothing unless asked:
``--write`` writes every figure to ``benchmarks/results.json`` (``--write PATH``
elsewhere).

Modules, one job each: ``scenario`` (the account and what changes in it),
``simulator`` (the simulator in a child process), ``home_assistant`` (an in-process
Home Assistant), ``internals`` (the only module that knows the integration's
internals), ``timing``, ``measurement`` (set-up and refreshes), ``floors`` (the same
writes without the integration), ``memory``, ``results``, ``report`` and
``__main__`` (the command line).
"""
