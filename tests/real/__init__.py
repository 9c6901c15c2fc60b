"""The reviewed real-report harness: expectations and the code that checks them."""
