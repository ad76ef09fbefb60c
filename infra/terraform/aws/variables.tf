variable "region" {
  description = "AWS region to deploy the swarm server in."
  type        = string
  default     = "eu-central-1"
}

variable "instance_type" {
  description = "EC2 instance type; Mosquitto, PostgreSQL and the aggregator fit in 2 GiB."
  type        = string
  default     = "t3.small"
}

variable "ssh_cidr" {
  description = "The only network allowed to reach SSH (port 22), e.g. your office's 203.0.113.0/24. There is no default: SSH is never open to the world."
  type        = string

  validation {
    condition     = can(cidrhost(var.ssh_cidr, 0)) && !contains(["0.0.0.0/0", "::/0"], var.ssh_cidr)
    error_message = "ssh_cidr must be a CIDR block such as 203.0.113.7/32, and not 0.0.0.0/0 or ::/0."
  }
}

variable "ssh_public_key" {
  description = "Optional OpenSSH public key installed for the ubuntu user; without one SSH stays closed to logins."
  type        = string
  default     = null
}

variable "swarm_id" {
  description = "The swarm's id (the project's slug); it names the MQTT topics swarm/<swarm_id>/nodes/<node>/..."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,62}$", var.swarm_id))
    error_message = "swarm_id must be a slug: lower-case letters, digits and dashes, at most 63 characters."
  }
}

variable "node_credentials" {
  description = "MQTT password per node id. Each node may only publish to its own topics."
  type        = map(string)
  sensitive   = true

  validation {
    condition = alltrue([
      for name, password in var.node_credentials :
      can(regex("^[a-z0-9][a-z0-9-]{0,62}$", name)) && name != "aggregator" && can(regex("^[!-9;-~]{12,128}$", password))
    ])
    error_message = "node_credentials keys must be node ids (slugs, not \"aggregator\") and each password 12-128 printable characters without spaces or colons (mosquitto_passwd splits user:password at a colon)."
  }
}

variable "aggregator_token" {
  description = "Bearer token the app uses to talk to the aggregator's HTTP API."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("^[A-Za-z0-9._~-]{16,256}$", var.aggregator_token))
    error_message = "aggregator_token must be 16-256 characters of letters, digits and . _ ~ -"
  }
}

variable "aggregator_package" {
  description = "What `npm install` installs as the aggregator at boot: a published name@version, or an https:// URL of the tarball `npm pack` makes from infra/aggregator. Its start command is `node dist/main.js`."
  type        = string

  validation {
    # The setup script reads it as a shell assignment: only characters with no meaning to the shell.
    condition     = can(regex("^[A-Za-z0-9@/._:~+=%-]+$", var.aggregator_package))
    error_message = "aggregator_package must be an npm install spec made of letters, digits and @ / . _ : ~ + = % -"
  }
}

variable "node_version" {
  description = "Node.js release installed from nodejs.org (checked against its SHASUMS256.txt) to run the aggregator."
  type        = string
  default     = "22.12.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.node_version))
    error_message = "node_version must be a release number such as 22.12.0."
  }
}

variable "auto_destroy_hours" {
  description = "Shut the instance down (and so terminate it) this many hours after boot; 0 keeps it running."
  type        = number
  default     = 0

  validation {
    condition     = var.auto_destroy_hours >= 0 && var.auto_destroy_hours == floor(var.auto_destroy_hours)
    error_message = "auto_destroy_hours must be a whole number of hours, 0 for never."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
