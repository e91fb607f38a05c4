"""What the analyst says: targets.yaml read with a line number per key (yamlsource), validated into typed
models with every problem located (targets), and the standards that judge probes (standards: built in, each
naming its source, or custom in targets.yaml). Pure but for reading the file.
"""
