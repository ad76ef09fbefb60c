terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Pinned exactly: a saved plan is only applied with the provider that made it.
      version = "5.82.2"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, { "swarm-architect:swarm" = var.swarm_id })
  }
}
